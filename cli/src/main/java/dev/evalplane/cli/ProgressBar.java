package dev.evalplane.cli;

/** A text progress bar: {@code [#########.........] 3/9 rows}. */
final class ProgressBar {

    static String render(long done, long total, int width) {
        int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " rows";
    }

    private ProgressBar() {
    }
}
