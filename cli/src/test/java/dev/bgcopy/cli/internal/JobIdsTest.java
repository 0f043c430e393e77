package dev.bgcopy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobIdsTest {

    private final JobIds ids = new JobIds();
    private final UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void guid_plainBracedOrUpperCase() {
        assertThat(ids.convert("0f8fad5b-d9cb-469f-a165-70867728950e")).isEqualTo(id);
        assertThat(ids.convert("{0F8FAD5B-D9CB-469F-A165-70867728950E}")).isEqualTo(id);
    }

    @Test
    void anythingElse_isAOneLineMessageWithoutExceptionNames() {
        for (String bad : new String[] {"not-a-uuid", "1-2-3-4-5", "{0f8fad5b-d9cb-469f-a165-70867728950e", ""}) {
            assertThatThrownBy(() -> ids.convert(bad)).isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("is not a job id").hasMessageNotContaining("Exception");
        }
    }
}
