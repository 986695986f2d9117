package io.gradguard.cli.report;

import io.gradguard.cli.plot.Png;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page under construction: inline CSS, no script, no external reference. Every
 * string handed to it is escaped ({@link #esc}); only {@link Raw} fragments, built by this package from
 * escaped parts, and PNG {@code data:} URIs go in as they are.
 */
final class Html {
    /** A fragment of markup that is already safe (built here from escaped text). */
    record Raw(String html) {
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1200px;\
            margin:0 auto;padding:1em 2em 3em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}
            h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
            nav{margin:.5em 0 1em;font-size:.95em}nav a{margin-right:1em}
            table{border-collapse:collapse;margin:.6em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.25em .55em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .held,.ok{color:#1a7f37;font-weight:600}.failed,.exploding{color:#c62828;font-weight:600}
            .vanishing{color:#b26a00;font-weight:600}.note{color:#666;font-style:italic}
            figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:.9em;margin-top:.3em}
            pre{background:#f6f6f6;padding:.8em;overflow:auto;font-size:.85em;white-space:pre-wrap}
            .small{font-size:.85em;color:#444}li{margin:.2em 0}.text{white-space:pre-wrap}
            """;

    private final StringBuilder sb = new StringBuilder(1 << 16);

    /** Opens the page: doctype, charset, title and the inline style sheet. */
    Html(String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
    }

    /** Escapes {@code & < > " '}, so text from files can never become markup. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A fragment id made of {@code [a-z0-9-]} only, safe in {@code id} and {@code href="#..."}. */
    static String id(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return x.isEmpty() ? "x" : x;
    }

    /** {@code <span class="cls">text</span>}, for verdicts and held / not held badges. */
    static Raw span(String cls, String text) {
        return new Raw("<span class=\"" + id(cls) + "\">" + esc(text) + "</span>");
    }

    /** An in-page link to {@code #fragment}. */
    static Raw link(String fragment, String text) {
        return new Raw("<a href=\"#" + id(fragment) + "\">" + esc(text) + "</a>");
    }

    Html h1(String text) {
        return tag("h1", text);
    }

    Html h2(String id, String text) {
        sb.append("<h2 id=\"").append(id(id)).append("\">").append(esc(text)).append("</h2>\n");
        return this;
    }

    Html h3(String text) {
        return tag("h3", text);
    }

    Html p(String text) {
        return tag("p", text);
    }

    /** A paragraph in the muted style, for what is missing and why. */
    Html note(String text) {
        sb.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A paragraph that keeps the text's line breaks (notes written by experiments). */
    Html text(String text) {
        sb.append("<p class=\"text\">").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A paragraph mixing text and safe fragments. */
    Html p(Object... parts) {
        sb.append("<p>");
        for (Object o : parts) {
            sb.append(cell(o));
        }
        sb.append("</p>\n");
        return this;
    }

    Html pre(String text) {
        return tag("pre", text);
    }

    /** Links to the page's sections: {@code {id, label}} pairs. */
    Html nav(List<String[]> links) {
        sb.append("<nav>");
        for (String[] l : links) {
            sb.append(link(l[0], l[1]).html());
        }
        sb.append("</nav>\n");
        return this;
    }

    /** A figure: the PNG inline as a {@code data:} URI, with its caption. */
    Html figure(byte[] png, String alt, String caption) {
        sb.append("<figure><img alt=\"").append(esc(alt)).append("\" src=\"").append(Png.dataUri(png))
                .append("\">");
        if (caption != null && !caption.isEmpty()) {
            sb.append("<figcaption>").append(esc(caption)).append("</figcaption>");
        }
        sb.append("</figure>\n");
        return this;
    }

    /** A bulleted list of texts and fragments. */
    Html list(List<?> items) {
        sb.append("<ul>");
        for (Object o : items) {
            sb.append("<li>").append(cell(o)).append("</li>");
        }
        sb.append("</ul>\n");
        return this;
    }

    /**
     * A table: cells are escaped strings, {@link Raw} fragments, or numbers (right-aligned, formatted by
     * {@link Fmt#num}); null is {@code -}.
     */
    Html table(List<String> header, List<? extends List<?>> rows) {
        sb.append("<table>\n<tr>");
        for (String h : header) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<?> r : rows) {
            sb.append("<tr>");
            for (Object c : r) {
                sb.append(c instanceof Number ? "<td class=\"n\">" : "<td>").append(cell(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        return this;
    }

    /** Raw markup built by this package. */
    Html raw(Raw r) {
        sb.append(r.html());
        return this;
    }

    /** Closes the page and returns it. */
    String finish(String footer) {
        sb.append("<hr>\n<p class=\"small\">").append(esc(footer)).append("</p>\n</body>\n</html>\n");
        return sb.toString();
    }

    static String cell(Object o) {
        if (o == null) {
            return "-";
        }
        if (o instanceof Raw r) {
            return r.html();
        }
        if (o instanceof Number n) {
            return esc(Fmt.num(n));
        }
        return esc(String.valueOf(o));
    }

    private Html tag(String tag, String text) {
        sb.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag).append(">\n");
        return this;
    }
}
