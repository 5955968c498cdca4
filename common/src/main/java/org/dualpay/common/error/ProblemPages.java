package org.dualpay.common.error;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages a problem document's {@code type} points at: {@code GET /problems/<type>} describes one
 * problem type (its code, status, what it means, what to do), {@code GET /problems} lists them all.
 * Every service serves them to anyone (each service's WebSecurity opens {@code GET /problems/**});
 * the texts are those of {@link ProblemCode}, the one place they are written.
 */
@RestController
public class ProblemPages {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

    @GetMapping(ProblemCode.PAGES)
    ResponseEntity<String> index() {
        String rows = Arrays.stream(ProblemCode.values())
                .map(code -> "<tr><td><a href=\"" + code.type() + "\"><code>" + escape(code.code()) + "</code></a></td><td>"
                        + code.status().value() + "</td><td>" + escape(code.meaning()) + "</td></tr>")
                .collect(Collectors.joining("\n"));
        return html("Problem codes", "<h1>Problem codes</h1>\n<p>Every error of this API is an RFC 9457 problem "
                + "document (<code>application/problem+json</code>) with a stable <code>code</code> member; its "
                + "<code>type</code> is the page describing it.</p>\n<table>\n<tr><th>code</th><th>status</th>"
                + "<th>meaning</th></tr>\n" + rows + "\n</table>");
    }

    @GetMapping(ProblemCode.PAGES + "/{slug}")
    ResponseEntity<String> page(@PathVariable String slug) {
        ProblemCode code = ProblemCode.bySlug(slug).orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND,
                "No problem type " + slug + "; GET " + ProblemCode.PAGES + " lists them all."));
        return html(code.code() + " (" + code.status().value() + ")", page(code));
    }

    /** The body of one problem type's page. */
    static String page(ProblemCode code) {
        return "<h1><code>" + escape(code.code()) + "</code></h1>\n"
                + "<p>HTTP status <b>" + code.status().value() + " " + escape(code.status().getReasonPhrase()) + "</b>; "
                + "problem type <code>" + code.type() + "</code>; answered as <code>application/problem+json</code> "
                + "with <code>\"code\": \"" + escape(code.code()) + "\"</code>.</p>\n"
                + "<h2>What it means</h2>\n<p>" + escape(code.meaning()) + "</p>\n"
                + "<h2>What to do</h2>\n<p>" + escape(code.whatToDo()) + "</p>\n"
                + "<p><a href=\"" + ProblemCode.PAGES + "\">All problem codes</a></p>";
    }

    private static ResponseEntity<String> html(String title, String body) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CACHE)
                .body("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title)
                        + "</title></head>\n<body>\n" + body + "\n</body>\n</html>\n");
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
