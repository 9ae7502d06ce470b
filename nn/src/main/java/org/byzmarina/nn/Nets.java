package org.byzmarina.nn;

import java.util.List;
import org.byzmarina.config.Component;
import org.byzmarina.config.Group;
import org.byzmarina.config.Kind;
import org.byzmarina.config.Setting;
import org.byzmarina.config.SettingType;
import org.byzmarina.config.Values;
import org.byzmarina.experiment.RunSettings;
import org.byzmarina.problems.LibsvmLogistic;
import org.byzmarina.problems.ProblemEnv;
import org.byzmarina.problems.ProblemInstance;
import org.byzmarina.registry.ComponentProvider;

/**
 * The nn module's entry in the registry (listed in
 * {@code META-INF/services/org.byzmarina.registry.ComponentProvider}): the problem "mnist", a
 * network ({@code --model cnn|mlp|softmax}) trained on the MNIST folder given as
 * {@code --dataset DIR}. It is chosen when {@code --model} is given or when the dataset is a folder
 * holding MNIST's training images; libtorch is loaded then, on the main thread (runs and sweeps
 * resolve their settings there before they start any thread).
 */
public final class Nets implements ComponentProvider {
    public static final Setting<String> MODEL = Setting.of("model", Group.PROBLEM, SettingType.choice(List.of("cnn", "mlp",
            "softmax")), "cnn", "the network trained on the MNIST folder --dataset DIR: cnn (the authors') | mlp | softmax");
    /** The nets' own default of the shared --split setting. */
    static final String SPLIT_DEFAULT = "iid";
    public static final Component<ProblemInstance, ProblemEnv> COMPONENT = Component.<ProblemInstance, ProblemEnv>of(Kind.PROBLEM,
            "mnist", "a neural network (--model) trained with cross-entropy on the MNIST IDX files in the folder --dataset DIR",
            "LeCun, Bottou, Bengio, Haffner 1998 (MNIST); the CNN of Malinovsky et al. 2024", List.of(MODEL, LibsvmLogistic.SPLIT),
            Nets::build).withDefault(LibsvmLogistic.SPLIT, SPLIT_DEFAULT);

    @Override
    public List<Component<ProblemInstance, ProblemEnv>> problems() {
        return List.of(COMPONENT);
    }

    @Override
    public Component<ProblemInstance, ProblemEnv> problemFor(String dataset, Values values) {
        boolean folder = Mnist.isMnistFolder(dataset);
        if (values.given(MODEL) || folder) {
            if (folder) {
                Torch.require(); // here, on the main thread, before a sweep's or a run's threads start
            }
            return COMPONENT; // without the data, building it reports the missing folder (before loading libtorch)
        }
        return null;
    }

    static ProblemInstance build(Values v, ProblemEnv env) {
        if (v.given(LibsvmLogistic.TEST)) {
            throw new IllegalArgumentException("--test is for LIBSVM data; MNIST's test set is the t10k files of --dataset "
                    + env.dataset());
        }
        String split = v.get(LibsvmLogistic.SPLIT, SPLIT_DEFAULT);
        if (v.get(RunSettings.SHARED_MINIBATCHES) && !split.equals("full")) {
            throw new IllegalArgumentException("--shared-minibatches needs --split full (every client must hold the same data), "
                    + "got --split " + split + (v.given(LibsvmLogistic.SPLIT) ? "" : " (the default for networks)"));
        }
        Mnist mnist = Mnist.read(env.dataset(), env.sha256());
        Torch.require();
        NetProblem problem = NetProblem.of(mnist, Model.parse(v.get(MODEL)), split, env.clients(), env.byzantine(), env.seed(),
                env.batch(), env.threads());
        long bytes = (long) mnist.train().length + mnist.test().length + mnist.trainLabel().length + mnist.testLabel().length;
        return new ProblemInstance(problem, env.fstar(), mnist.sha256(), bytes);
    }
}
