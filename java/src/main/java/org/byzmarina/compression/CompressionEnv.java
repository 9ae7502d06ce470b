package org.byzmarina.compression;

import org.byzmarina.kernels.Kernels;

/** What a compressor's factory needs besides its settings: the engine and the dimension d. */
public record CompressionEnv(Kernels kernels, int dim) {
}
