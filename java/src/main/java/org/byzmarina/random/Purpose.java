package org.byzmarina.random;

/** What a random stream is used for. The codes are part of the seed derivation: never renumber them. */
public enum Purpose {
    COIN(1),
    SAMPLING(2),
    BUCKETING(3),
    MINIBATCH(4),
    RANDK(5),
    ATTACK_NOISE(6),
    DATA(7),
    QUANTISATION(8),
    SPLIT(9),
    RANDOM_BATCH(10),
    SAMPLE_NOISE(11),
    ROOT_SAMPLE(12),
    AVAILABILITY(13),
    /** A neural network's initial weights (the nn module). */
    NET_INIT(14),
    /** The fixed training subsample a network's loss metric is computed on (the nn module). */
    LOSS_SUBSAMPLE(15);

    public final long code;

    Purpose(long code) {
        this.code = code;
    }
}
