package org.byzmarina.problems;

import java.util.Map;
import java.util.logging.Logger;
import org.byzmarina.kernels.NativeLoading;

/**
 * A problem ready to run: the objective, f* (or null), the sha256 of every data file read and the
 * data's bytes in memory.
 */
public record ProblemInstance(Problem problem, Double fStar, Map<String, String> dataSha256, long dataBytes) {
    private static final Logger LOG = Logger.getLogger(ProblemInstance.class.getName());

    /** A logistic problem with f* given, solved by Newton's method (ρ = 0), or unknown (ρ > 0). */
    static ProblemInstance logistic(LogisticRegression problem, ProblemEnv env, Map<String, String> hashes, long dataBytes) {
        Double fStar = env.fstar();
        if (fStar == null && problem.rho() == 0 && env.solveOptimum()) {
            NativeLoading.loadOpenBlas(); // Newton's Hessians are dsyrk's; loaded here, before the run's threads start
            fStar = OptimumSolver.solve(problem);
        } else if (fStar == null && problem.rho() > 0) {
            LOG.info("no f* for the non-convex problem (rho > 0): the gap column stays empty unless --fstar is given");
        }
        if (fStar != null) {
            problem.setOptimum(fStar);
        }
        return new ProblemInstance(problem, fStar, hashes, dataBytes);
    }
}
