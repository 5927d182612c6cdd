package dev.evalplane.trace.search;

import java.util.List;

/** One condition of a filter. Values are Strings or Longs (none for IS [NOT] NULL, several for [NOT] IN). */
public record FilterClause(FilterField field, Comparator comparator, List<Object> values, int position) {
}
