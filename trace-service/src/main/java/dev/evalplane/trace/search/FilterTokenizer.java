package dev.evalplane.trace.search;

import java.util.ArrayList;
import java.util.List;

import dev.evalplane.trace.search.Token.Type;

/**
 * Splits a filter into tokens: identifiers, `backtick` and "double-quoted" names, 'single-quoted' strings ('' is a
 * quote inside), numbers, comparison operators, parentheses, commas and dots. Anything else is an error with its
 * position; so is a NUL character, which PostgreSQL text cannot hold.
 */
public final class FilterTokenizer {

    private final String input;
    private int pos;

    private FilterTokenizer(String input) {
        this.input = input;
    }

    public static List<Token> tokenize(String input) {
        return new FilterTokenizer(input).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
                pos++;
            }
            if (pos >= input.length()) {
                tokens.add(new Token(Type.END, "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = input.charAt(pos);
        if (c == '\0') {
            throw new FilterException("NUL characters are not allowed", start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Type.IDENTIFIER, input.substring(start, pos), start);
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1)))) {
            return number(start);
        }
        return switch (c) {
            case '\'' -> new Token(Type.STRING, quoted('\'', "string"), start);
            case '`' -> new Token(Type.BACKTICK_NAME, quoted('`', "backtick-quoted name"), start);
            case '"' -> new Token(Type.DOUBLE_QUOTED, quoted('"', "double-quoted name"), start);
            case '(' -> single(Type.LEFT_PAREN, start);
            case ')' -> single(Type.RIGHT_PAREN, start);
            case ',' -> single(Type.COMMA, start);
            case '.' -> single(Type.DOT, start);
            case '=', '!', '<', '>' -> operator(start);
            default -> throw new FilterException("unexpected character '" + c + "'", start);
        };
    }

    private Token number(int start) {
        pos++;
        while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < input.length() && input.charAt(pos) == '.' && Character.isDigit(input.charAt(pos + 1))) {
            pos++;
            while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                pos++;
            }
        }
        if (pos < input.length() && (Character.isLetter(input.charAt(pos)) || input.charAt(pos) == '_')) {
            throw new FilterException("malformed number '" + input.substring(start, pos + 1) + "'", start);
        }
        return new Token(Type.NUMBER, input.substring(start, pos), start);
    }

    private String quoted(char quote, String what) {
        int start = pos;
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == '\0') {
                throw new FilterException("NUL characters are not allowed", pos);
            }
            if (c == quote) {
                if (pos + 1 < input.length() && input.charAt(pos + 1) == quote) {
                    text.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return text.toString();
            }
            text.append(c);
            pos++;
        }
        throw new FilterException("unterminated " + what, start);
    }

    private Token single(Type type, int start) {
        pos++;
        return new Token(type, input.substring(start, pos), start);
    }

    private Token operator(int start) {
        String two = pos + 1 < input.length() ? input.substring(pos, pos + 2) : "";
        if (two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=") || two.equals("==")) {
            pos += 2;
            return new Token(Type.OPERATOR, two.equals("==") ? "=" : two.equals("<>") ? "!=" : two, start);
        }
        char c = input.charAt(pos);
        if (c == '!') {
            throw new FilterException("'!' must be followed by '='", start);
        }
        pos++;
        return new Token(Type.OPERATOR, String.valueOf(c), start);
    }
}
