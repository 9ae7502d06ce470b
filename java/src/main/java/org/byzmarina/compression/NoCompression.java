package org.byzmarina.compression;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Kind;

/** The identity compressor: vectors travel whole, 32 bits per coordinate (ω = 0). */
public final class NoCompression {
    public static final Component<Compressor, CompressionEnv> COMPONENT = Component.<Compressor, CompressionEnv>of(Kind.COMPRESSOR, "none",
            "no compression: 32 bits per coordinate (ω = 0)", "", List.of(), (v, env) -> Compressor.IDENTITY);

    private NoCompression() {
    }
}
