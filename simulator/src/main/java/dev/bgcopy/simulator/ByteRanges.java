package dev.bgcopy.simulator;

import dev.bgcopy.api.BgFileRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sets of byte ranges as lists of {@link BgFileRange} with explicit lengths, sorted by offset and merged (no two
 * touch or overlap): what {@code IBackgroundCopyFile6} requests and fills (docs/contract.md §4.19).
 */
final class ByteRanges {

    private ByteRanges() {
    }

    /** {@code a ∪ b}, merged. */
    static List<BgFileRange> union(List<BgFileRange> a, List<BgFileRange> b) {
        List<BgFileRange> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        all.sort(Comparator.comparingLong(BgFileRange::initialOffset));
        List<BgFileRange> merged = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (BgFileRange r : all) {
            long rEnd = r.initialOffset() + r.length();
            if (start >= 0 && r.initialOffset() <= end) {
                end = Math.max(end, rEnd);
            } else {
                if (start >= 0) {
                    merged.add(new BgFileRange(start, end - start));
                }
                start = r.initialOffset();
                end = rEnd;
            }
        }
        if (start >= 0) {
            merged.add(new BgFileRange(start, end - start));
        }
        return List.copyOf(merged);
    }

    /** {@code a \ b}: the parts of {@code a} that {@code b} does not cover; both merged. */
    static List<BgFileRange> minus(List<BgFileRange> a, List<BgFileRange> b) {
        List<BgFileRange> out = new ArrayList<>();
        for (BgFileRange r : a) {
            long start = r.initialOffset();
            long end = start + r.length();
            for (BgFileRange cut : b) {
                long cutEnd = cut.initialOffset() + cut.length();
                if (cutEnd <= start || cut.initialOffset() >= end) {
                    continue;
                }
                if (cut.initialOffset() > start) {
                    out.add(new BgFileRange(start, cut.initialOffset() - start));
                }
                start = Math.max(start, cutEnd);
            }
            if (start < end) {
                out.add(new BgFileRange(start, end - start));
            }
        }
        return List.copyOf(out);
    }

    /** The ranges covered by the first {@code done} bytes of {@code gaps}, taken in list order. */
    static List<BgFileRange> prefix(List<BgFileRange> gaps, long done) {
        List<BgFileRange> out = new ArrayList<>();
        long left = done;
        for (BgFileRange r : gaps) {
            if (left <= 0) {
                break;
            }
            long take = Math.min(left, r.length());
            out.add(new BgFileRange(r.initialOffset(), take));
            left -= take;
        }
        return union(out, List.of());
    }

    /** The sum of the lengths. */
    static long total(List<BgFileRange> ranges) {
        long sum = 0;
        for (BgFileRange r : ranges) {
            sum += r.length();
        }
        return sum;
    }

    /** {@code ranges} with those at or after {@code position} first (UpdateDownloadPosition), a range split there. */
    static List<BgFileRange> from(List<BgFileRange> ranges, long position) {
        List<BgFileRange> after = new ArrayList<>();
        List<BgFileRange> before = new ArrayList<>();
        for (BgFileRange r : ranges) {
            long end = r.initialOffset() + r.length();
            if (r.initialOffset() >= position) {
                after.add(r);
            } else if (end <= position) {
                before.add(r);
            } else {
                before.add(new BgFileRange(r.initialOffset(), position - r.initialOffset()));
                after.add(new BgFileRange(position, end - position));
            }
        }
        after.addAll(before);
        return List.copyOf(after);
    }
}
