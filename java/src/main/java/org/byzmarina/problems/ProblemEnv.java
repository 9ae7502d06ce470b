package org.byzmarina.problems;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a problem's factory needs besides its settings.
 *
 * @param dataset       the --dataset value (a file path for LIBSVM data)
 * @param clients       n (after the na attack's removal)
 * @param byzantine     B (after the same)
 * @param batch         b, the largest minibatch a client draws
 * @param fstar         f* if the user gave it, else null
 * @param solveOptimum  compute f* when it is not given (not for a dry run)
 * @param sha256        the provenance hash of a data file
 * @param threads       the run's threads (--threads), for a problem that parallelises its own evaluation
 * @param nativeEngine  whether the run's engine is native (libbyzmarina loaded; false under --backend java):
 *                      a problem may then use its native twins (the LIBSVM parser, the logistic
 *                      kernels), which give the same bits as its Java code, the reference
 */
public record ProblemEnv(String dataset, int clients, int byzantine, long seed, int batch, Double fstar,
                         boolean solveOptimum, Function<Path, String> sha256, int threads, boolean nativeEngine) {
}
