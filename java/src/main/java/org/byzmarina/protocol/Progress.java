package org.byzmarina.protocol;

/** Told how far a simulation has come (for progress bars); the default does nothing. */
public interface Progress {
    Progress NONE = new Progress() {
    };

    /** The run is about to start {@code rounds} rounds. */
    default void start(long rounds) {
    }

    /** {@code done} rounds are complete. */
    default void advanced(long done) {
    }

    /** The run ended (finished, diverged or failed). */
    default void end() {
    }
}
