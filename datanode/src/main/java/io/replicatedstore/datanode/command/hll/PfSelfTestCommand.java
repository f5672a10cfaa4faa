package io.replicatedstore.datanode.command.hll;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code PFSELFTEST}: checks the dense register packing with random values, then adds ten
 * million elements to a dense and a sparse HLL at once, checking at 1, 10, 100... elements that
 * both agree, that the sparse one is still sparse while it should be, and that the error stays
 * within six standard errors (one for ten elements), as Redis's self test does.
 */
final class PfSelfTestCommand implements Command {

    private static final int CYCLES = 1000;
    private static final int ELEMENTS = 10_000_000;

    @Override
    public void execute(CommandContext ctx) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] dense = new byte[HyperLogLog.DENSE_SIZE];
        byte[] expected = new byte[HyperLogLog.REGISTERS];
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                expected[i] = (byte) random.nextInt(64);
                HyperLogLog.denseWrite(dense, i, expected[i]);
            }
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                int actual = HyperLogLog.denseGet(dense, i);
                if (actual != expected[i]) {
                    throw Errors.error("ERR TESTFAILED Register " + i + " should be " + expected[i] + " but is " + actual);
                }
            }
        }
        java.util.Arrays.fill(dense, (byte) 0);
        dense[4] = HyperLogLog.DENSE;
        HyperLogLog denseHll = new HyperLogLog(dense);
        HyperLogLog sparseHll = new HyperLogLog(HyperLogLog.empty());
        long maxBytes = ctx.config().hllSparseMaxBytes.get();
        double relativeError = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
        long checkpoint = 1;
        long seed = random.nextLong();
        byte[] element = new byte[8];
        for (long j = 1; j <= ELEMENTS; j++) {
            long e = j ^ seed;
            for (int b = 0; b < 8; b++) {
                element[b] = (byte) (e >>> (8 * b));
            }
            denseHll.add(element, maxBytes);
            sparseHll.add(element, maxBytes);
            if (j != checkpoint) {
                continue;
            }
            if (j < maxBytes / 2 && !sparseHll.isSparse()) {
                throw Errors.error("ERR TESTFAILED sparse encoding not used");
            }
            long estimate = denseHll.count();
            if (estimate != sparseHll.count()) {
                throw Errors.error("ERR TESTFAILED dense/sparse disagree");
            }
            long absoluteError = Math.abs(checkpoint - estimate);
            long maxError = j == 10 ? 1 : (long) Math.ceil(relativeError * 6 * checkpoint);
            if (absoluteError > maxError) {
                throw Errors.error("ERR TESTFAILED Too big error. card:" + checkpoint + " abserr:" + absoluteError);
            }
            checkpoint *= 10;
        }
        ctx.reply().ok();
    }
}
