package io.gradguard.bench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.gradguard.bench.peers.StepRunner;
import java.util.List;

/**
 * A DJL block stepped by hand, without a trainer: libtorch seeded, a manager owning every array, the block
 * initialised for {@code input} (its random weights drawn first), a parameter store and the block's weight arrays. Closing the runner closes the
 * manager.
 */
abstract class DjlBlockStep implements StepRunner {
    final NDManager manager;
    final Block block;
    final ParameterStore store;
    final List<NDArray> weights;

    DjlBlockStep(int seed, Block block, Shape input) {
        Engine.getEngine(DjlPeer.ENGINE).setRandomSeed(seed);
        manager = NDManager.newBaseManager(Device.cpu(), DjlPeer.ENGINE);
        this.block = block;
        block.initialize(manager, DataType.FLOAT32, input);
        store = new ParameterStore(manager, false);
        weights = block.getParameters().values().stream().map(Parameter::getArray).toList();
    }

    @Override
    public long parameters() {
        return weights.stream().mapToLong(NDArray::size).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
