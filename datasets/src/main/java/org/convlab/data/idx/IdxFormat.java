package org.convlab.data.idx;

/** Constants of the IDX file format shared by the reader and the writer. */
final class IdxFormat {
    /** Type code of unsigned bytes, the only one MNIST-like files use. */
    static final int UNSIGNED_BYTE = 0x08;
    /** The two bytes that start every gzip stream. */
    static final int GZIP_MAGIC_0 = 0x1f;
    static final int GZIP_MAGIC_1 = 0x8b;

    private IdxFormat() {
    }
}
