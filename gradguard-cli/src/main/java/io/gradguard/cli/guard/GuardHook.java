package io.gradguard.cli.guard;

import io.gradguard.guard.Guard;
import io.gradguard.guard.GuardStep;
import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.nn.Parameter;
import io.gradguard.train.StepAction;
import io.gradguard.train.StepContext;
import io.gradguard.train.StepHook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hosts the gradient guard in the engine's trainer: after backward, applies any injected faults, then lets
 * the {@link Guard} (if any) monitor, detect, clip and recover, and maps its verdict to a {@link StepAction}.
 * With no guard, injected faults go straight to the optimiser: that is the unguarded run.
 */
public final class GuardHook implements StepHook {
    private final Guard guard;
    private final FaultPlan faults;
    private final Path checkpoints;
    private List<ParamView> views;
    private GuardStep last;

    /**
     * @param guard       the guard, or null to inject faults without guarding
     * @param faults      faults to inject ({@link FaultPlan#none()} for none)
     * @param checkpoints the run's checkpoint folder, for rollbacks from disk (may be null)
     */
    public GuardHook(Guard guard, FaultPlan faults, Path checkpoints) {
        this.guard = guard;
        this.faults = faults;
        this.checkpoints = checkpoints;
    }

    @Override
    public StepAction afterBackward(StepContext step) {
        if (views == null) {
            views = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : step.parameters().entrySet()) {
                views.add(EngineParamView.of(e.getKey(), e.getValue()));
            }
        }
        StepView view = faults.apply(new StepView(step.step(), step.loss(), step.lr(), views));
        if (view.loss() != step.loss() && !(Double.isNaN(view.loss()) && Double.isNaN(step.loss()))) {
            step.overrideLoss(view.loss());
        }
        if (guard == null) {
            return StepAction.PROCEED;
        }
        last = guard.onStep(view, new EngineHost(step, checkpoints));
        step.reportGradNorm(last.stats().globalNorm());
        return switch (last.verdict()) {
            case PROCEED -> StepAction.PROCEED;
            case SKIP -> StepAction.SKIP_STEP;
            case HALT -> StepAction.STOP;
        };
    }

    /** With a guard, its monitor's norm stands in for the trainer's own pass over the gradients. */
    @Override
    public boolean reportsGradNorm() {
        return guard != null;
    }

    /** The guard's account of the last step, or null. */
    public GuardStep last() {
        return last;
    }

    public Guard guard() {
        return guard;
    }
}
