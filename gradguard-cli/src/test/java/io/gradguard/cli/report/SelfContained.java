package io.gradguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.cli.Main;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Checks shared by the report tests: the page refers to nothing outside itself; the CLI in-process. */
final class SelfContained {
    /** Every {@code src=} and {@code href=} attribute value inside a tag, quoted or not. */
    static final Pattern REFERENCE = Pattern.compile(
            "(?i)<[a-z][^>]*?\\s(?:src|href)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    /** CSS {@code url(...)} and {@code @import}, which could fetch. */
    static final Pattern CSS_FETCH = Pattern.compile("(?i)url\\s*\\(|@import");

    private SelfContained() {
    }

    /** No external reference of any kind; every image an inline PNG that decodes. Returns the images. */
    static List<BufferedImage> assertSelfContained(String html) throws IOException {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
        assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)<script")
                .doesNotContainPattern("(?i)<link\\b").doesNotContainPattern("(?i)<iframe")
                .doesNotContainPattern(CSS_FETCH.pattern());
        List<BufferedImage> images = new ArrayList<>();
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            String v = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            assertThat(v).as("reference %s", m.group()).doesNotStartWith("//").doesNotContain("://");
            if (m.group().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\shref\\s*=.*")) {
                assertThat(v).as("links stay in the page").matches("#[a-z0-9-]+");
            } else {
                assertThat(v).as("images are inline PNG").startsWith("data:image/png;base64,");
                byte[] png = Base64.getDecoder().decode(v.substring("data:image/png;base64,".length()));
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                assertThat(img).as("decodable PNG").isNotNull();
                images.add(img);
            }
        }
        return images;
    }

    /** The values of every {@code src=} and {@code href=} in the page. */
    static List<String> references(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    /** Runs the CLI in-process: exit code, stdout, stderr. */
    record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
            return new Cli(code, o.toString(), e.toString());
        }
    }
}
