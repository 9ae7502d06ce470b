package org.byzmarina.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A batch of client vectors: {@code rows} vectors of dimension {@code dim} in float32, stored
 * contiguously off-heap (row-major, each row padded to a multiple of 16 floats so every row is
 * 64-byte aligned). Native kernels read and write this memory in place: nothing is copied per call.
 *
 * <p>Batches are allocated once and reused across rounds; kernels work on the first m rows.
 * Not thread-safe for concurrent writes to the same row.
 */
public final class Batch {
    /** Rows are padded to a multiple of this many floats (64 bytes). */
    public static final int ROW_ALIGN = 16;

    private final FloatBuffer data;
    private final int rows;
    private final int dim;
    private final int stride;
    private float[] rowScratch = new float[0];
    /** Cached native view of {@link #data}, created by NativeKernels on first use. */
    volatile Object nativeView;

    private Batch(int rows, int dim) {
        this.rows = rows;
        this.dim = dim;
        this.stride = strideFor(dim);
        long floats = (long) rows * stride;
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) (floats * Float.BYTES) + 64).alignedSlice(64);
        this.data = bytes.order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Largest number of floats (including row padding) one batch can hold. */
    public static long maxFloats() {
        return (Integer.MAX_VALUE - 64) / Float.BYTES;
    }

    /**
     * The row stride (floats) used for vectors of dimension {@code dim}.
     *
     * @throws IllegalArgumentException if the stride does not fit an int (dim within 15 of 2^31)
     */
    public static int strideFor(int dim) {
        long stride = longStride(dim);
        if (stride > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dimension " + dim + " is too large for one batch row");
        }
        return (int) stride;
    }

    private static long longStride(long dim) {
        return (dim + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
    }

    /** Bytes a batch of this shape occupies off-heap (Long.MAX_VALUE if that overflows 64 bits). */
    public static long bytesFor(long rows, int dim) {
        long rowBytes = longStride(dim) * Float.BYTES;
        return rowBytes != 0 && rows > Long.MAX_VALUE / rowBytes ? Long.MAX_VALUE : rows * rowBytes;
    }

    /**
     * Allocates a zeroed batch.
     *
     * @throws IllegalArgumentException if a size is negative or the batch exceeds {@link #maxFloats()}
     */
    public static Batch allocate(int rows, int dim) {
        if (rows < 0 || dim < 0) {
            throw new IllegalArgumentException("batch size must be non-negative, got " + rows + "x" + dim);
        }
        if (bytesFor(rows, dim) / Float.BYTES > maxFloats()) {
            throw new IllegalArgumentException("batch of " + rows + "x" + dim + " floats exceeds the "
                    + maxFloats() + "-float limit of one batch");
        }
        return new Batch(rows, dim);
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public int stride() {
        return stride;
    }

    /** The whole off-heap storage (absolute indexing: element (i, j) is at i * stride + j). */
    public FloatBuffer buffer() {
        return data;
    }

    public float get(int row, int j) {
        return data.get(index(row, j));
    }

    public void set(int row, int j, float v) {
        data.put(index(row, j), v);
    }

    public void setRow(int row, float[] v) {
        checkLength(v.length);
        data.put(index(row, 0), v, 0, dim);
    }

    /**
     * Stores v rounded to float32 through the caller's scratch (at least dim long): threads writing
     * different rows at once each pass their own.
     */
    public void setRow(int row, double[] v, float[] scratch) {
        checkLength(v.length);
        for (int j = 0; j < dim; j++) {
            scratch[j] = (float) v[j];
        }
        data.put(index(row, 0), scratch, 0, dim);
    }

    /** Stores v rounded to float32 (through a reusable float[]: one bulk copy into the batch). */
    public void setRow(int row, double[] v) {
        checkLength(v.length);
        int base = index(row, 0);
        float[] f = rowScratch;
        if (f.length < dim) {
            f = new float[dim];
            rowScratch = f;
        }
        for (int j = 0; j < dim; j++) {
            f[j] = (float) v[j];
        }
        data.put(base, f, 0, dim);
    }

    public float[] row(int row) {
        float[] out = new float[dim];
        data.get(index(row, 0), out, 0, dim);
        return out;
    }

    /** Copies row {@code srcRow} of {@code src} (same dim) into row {@code dstRow} of this batch. */
    public void copyRow(Batch src, int srcRow, int dstRow) {
        if (src.dim != dim) {
            throw new IllegalArgumentException("dimension mismatch: " + src.dim + " vs " + dim);
        }
        data.put(index(dstRow, 0), src.data, src.index(srcRow, 0), dim); // one bulk copy
    }

    /** Copies coordinates from .. from + len − 1 of a row into dst[0 .. len) (one bulk read). */
    public void readRow(int row, int from, float[] dst, int len) {
        if (len <= 0) {
            return;
        }
        index(row, from + len - 1); // bounds
        data.get(index(row, from), dst, 0, len);
    }

    public void fillRow(int row, float v) {
        int base = index(row, 0);
        for (int j = 0; j < dim; j++) {
            data.put(base + j, v);
        }
    }

    private int index(int row, int j) {
        if (row < 0 || row >= rows || j < 0 || j >= Math.max(dim, 1)) {
            throw new IndexOutOfBoundsException("(" + row + ", " + j + ") outside " + rows + "x" + dim);
        }
        return row * stride + j;
    }

    private void checkLength(int length) {
        if (length < dim) {
            throw new IllegalArgumentException("array of length " + length + " for vectors of dimension " + dim);
        }
    }

    @Override
    public String toString() {
        return "Batch[" + rows + "x" + dim + "]";
    }
}
