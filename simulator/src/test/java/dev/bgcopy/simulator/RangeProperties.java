package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * AddFileWithRanges against an independent model of docs/contract.md §4.3: the verdict for any range list
 * (pairwise, arbitrary-precision, unsorted — unlike the engine's sort-and-scan) and "a failed addition
 * changes nothing" (R96-R100). Tries are bounded by {@code -Djqwik.tries.default}; jqwik prints the
 * seed of a failing run.
 */
class RangeProperties {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long EOF = BgFileRange.BG_LENGTH_TO_EOF;

    private static SimulatorManager manager;
    private static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("range-properties");
        manager = Simulator.newManager(SimulatorConfig.deterministic());
    }

    @AfterContainer
    static void close() throws IOException {
        manager.close();
        try (var files = Files.list(dir)) {
            files.forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.delete(dir);
    }

    @Property
    void addFileWithRangesMatchesTheModel(@ForAll("rangeLists") List<BgFileRange> ranges, @ForAll("fileSizes") long fileSize) {
        IBackgroundCopyJob job = manager.createJob("ranges", BgJobType.DOWNLOAD);
        HResult expected = model(ranges, fileSize);
        BackgroundCopyException failure = catchThrowableOfType(BackgroundCopyException.class, () -> job.addFileWithRanges(
                "id", "https://cdn.example.test/r.bin", dir.resolve("r.bin").toString(), ranges, fileSize));
        assertThat(failure == null ? null : failure.hresult()).as("%s, size %s", ranges, Long.toUnsignedString(fileSize))
                .isEqualTo(expected);
        assertThat(job.getProgress().filesTotal()).isEqualTo(expected == null ? 1 : 0);
        if (expected == null) {
            List<BgFileRange> stored = job.enumFiles().next(1).get(0).getFileRanges();
            assertThat(stored).containsExactlyInAnyOrderElementsOf(ranges);
            for (int i = 0; i + 1 < stored.size(); i++) {
                assertThat(Long.compareUnsigned(stored.get(i).initialOffset(), stored.get(i + 1).initialOffset())).isNegative();
            }
        }
        job.cancel();
    }

    /** §4.3 in the contract's order: (a) EOF offset, (b) overlaps, (c) zero length, overflow, beyond the size. */
    static HResult model(List<BgFileRange> ranges, long fileSize) {
        for (BgFileRange r : ranges) {
            if (r.initialOffset() == EOF) {
                return HResult.DO_E_INVALID_RANGE;
            }
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = 0; j < ranges.size(); j++) {
                if (i == j) {
                    continue;
                }
                BgFileRange a = ranges.get(i);
                BgFileRange b = ranges.get(j);
                BigInteger aStart = unsigned(a.initialOffset());
                BigInteger bStart = unsigned(b.initialOffset());
                if (aStart.equals(bStart)) {
                    return HResult.DO_E_OVERLAPPING_RANGES;
                }
                boolean bStartsInA = bStart.compareTo(aStart) > 0
                        && (a.isToEndOfFile() || bStart.compareTo(aStart.add(unsigned(a.length()))) < 0);
                if (bStartsInA) {
                    return HResult.DO_E_OVERLAPPING_RANGES;
                }
            }
        }
        boolean sizeKnown = fileSize != IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE;
        for (BgFileRange r : ranges) {
            if (r.length() == 0) {
                return HResult.DO_E_INVALID_RANGE;
            }
            BigInteger start = unsigned(r.initialOffset());
            if (r.isToEndOfFile()) {
                if (sizeKnown && start.compareTo(unsigned(fileSize)) >= 0) {
                    return HResult.DO_E_INVALID_RANGE;
                }
                continue;
            }
            BigInteger end = start.add(unsigned(r.length()));
            if (end.compareTo(TWO_64) >= 0 || (sizeKnown && end.compareTo(unsigned(fileSize)) > 0)) {
                return HResult.DO_E_INVALID_RANGE;
            }
        }
        return null;
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    @Provide
    Arbitrary<List<BgFileRange>> rangeLists() {
        Arbitrary<Long> offsets = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 300),
                Arbitraries.of(0L, 100L, Long.MAX_VALUE, Long.MIN_VALUE, -2L, EOF));
        Arbitrary<Long> lengths = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 120),
                Arbitraries.of(0L, 1L, EOF, -2L, Long.MAX_VALUE));
        return Arbitraries.lazy(() -> net.jqwik.api.Combinators.combine(offsets, lengths).as(BgFileRange::new))
                .list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Long> fileSizes() {
        return Arbitraries.oneOf(Arbitraries.just(IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE), Arbitraries.longs().between(0, 400));
    }
}
