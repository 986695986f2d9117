package io.gradguard.cli.plot;

import java.awt.Color;

/** Series colours for charts with many lines (one per layer or activation), distinguishable on white. */
public final class Palette {
    private Palette() {
    }

    /** Matplotlib's {@code tab10} (Vega's category10) colours. */
    public static Color[] tab10() {
        return new Color[] {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
            new Color(0x7f7f7f)};
    }
}
