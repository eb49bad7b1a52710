package org.convlab.engine;

/** A layer whose convolutions run on the engine: its engine setting, and the algorithm it picks. */
public interface RunsOnEngine {

    /** The layer's own setting, or the global default ({@link EngineChoice#getDefault}) when it has none. */
    EngineChoice engine();

    /** Sets the layer's engine; null goes back to the global default. */
    void setEngine(EngineChoice choice);

    /** The algorithm(s) the layer runs on for an input of this shape, e.g. {@code "native conv2d"}. */
    String engineName(long... inputShape);
}
