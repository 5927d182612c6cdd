package dev.evalplane.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Deterministic, plausible verdicts for the demo provider: the same prompt always gets the same answer, of the type
 * the prompt asks for (yes/no, true/false, a number, one of listed categories), with a rationale that says it is a
 * demo. About four in five yes/no verdicts are "yes". Usage grows with the prompt length, like a real model's.
 */
final class DemoVerdicts {

    private static final Pattern CATEGORIES = Pattern.compile("one of: ([^\\n]+)");

    static FakeLlmReply reply(FakeLlmRequest request) {
        String prompt = request.prompt();
        long hash = hash(prompt);
        String rationale = "DEMO verdict from a fake provider (not a real model), derived from the prompt text.";
        Object result;
        Matcher categories = CATEGORIES.matcher(request.system());
        if (categories.find()) {
            String[] options = categories.group(1).replace("\"", "").split(",\\s*");
            result = options[(int) (hash % options.length)].trim();
        } else if (request.system().contains("true or false")) {
            result = hash % 5 != 0;
        } else if (request.system().contains("an integer") || request.system().contains("a number")) {
            result = 1 + hash % 5;
        } else if (request.system().contains("a string")) {
            result = "demo";
        } else {
            result = hash % 5 == 0 ? "no" : "yes";
        }
        long promptTokens = Math.max(1, prompt.length() / 4);
        return FakeLlmReply.verdict(result, rationale).withUsage(FakeUsage.of(promptTokens, 40));
    }

    private static long hash(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private DemoVerdicts() {
    }
}
