package io.gradguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
final class CliRunner {
    final int exit;
    final String out;
    final String err;

    private CliRunner(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliRunner run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new CliRunner(code, o.toString(), e.toString());
    }
}
