package dev.evalplane.trace.search;

/** One token of a filter: its type, its text (unquoted and unescaped for quoted tokens) and where it starts. */
public record Token(Type type, String text, int position) {

    public enum Type {
        IDENTIFIER, BACKTICK_NAME, DOUBLE_QUOTED, STRING, NUMBER, OPERATOR, LEFT_PAREN, RIGHT_PAREN, COMMA, DOT, END
    }

    public boolean isKeyword(String keyword) {
        return type == Type.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    public String describe() {
        return switch (type) {
            case END -> "the end of the filter";
            case STRING -> "string '" + text + "'";
            case BACKTICK_NAME -> "`" + text + "`";
            case DOUBLE_QUOTED -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
