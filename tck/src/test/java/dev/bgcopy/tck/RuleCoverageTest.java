package dev.bgcopy.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.tck.internal.Rules;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Label;
import net.jqwik.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kit's own promise: every rule of docs/contract.md §9 is checked by at least one contract test
 * carrying its number (the rules below the Java API through {@link NativeCalls}); and every rule tag exists.
 */
class RuleCoverageTest {

    private static Set<Integer> taggedRules() {
        Set<Integer> rules = new TreeSet<>();
        for (Method m : BackgroundCopyTck.class.getMethods()) {
            for (Tag tag : m.getAnnotationsByType(Tag.class)) {
                Rules.ofTag(tag.value()).ifPresent(rules::add);
            }
            Label label = m.getAnnotation(Label.class);
            if (label != null) {
                Rules.ofLabel(label.value()).ifPresent(rules::add);
            }
        }
        return rules;
    }

    @Test
    void everyRuleIsTested() {
        Set<Integer> missing = new TreeSet<>();
        for (int rule : Rules.all().keySet()) {
            if (!taggedRules().contains(rule)) {
                missing.add(rule);
            }
        }
        assertThat(missing).as("rules without a test").isEmpty();
    }

    @Test
    void catalogStartsWithTheFirstLayersRules_andEveryTagNamesOne() {
        assertThat(Rules.all().keySet()).containsAll(java.util.stream.IntStream.rangeClosed(1, 111).boxed().toList());
        assertThat(taggedRules()).allMatch(Rules::exists);
    }

    @Test
    void everyLabelledRuleTestCarriesTheMatchingTag() {
        for (Method m : BackgroundCopyTck.class.getMethods()) {
            Label label = m.getAnnotation(Label.class);
            if (label == null) {
                continue;
            }
            Rules.ofLabel(label.value()).ifPresent(rule -> {
                Set<String> tags = new TreeSet<>();
                for (Tag t : m.getAnnotationsByType(Tag.class)) {
                    tags.add(t.value());
                }
                assertThat(tags).as("%s", m.getName()).contains("R" + rule);
            });
        }
    }
}
