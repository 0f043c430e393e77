package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CommandLineToArgvW rules {@link WindowsCommandLine} follows, case by case (docs/contract.md §4.11). */
class WindowsCommandLineTest {

    static List<Arguments> cases() {
        return List.of(
                Arguments.of("", List.of()),
                Arguments.of("prog", List.of("prog")),
                Arguments.of("prog a b\tc  ", List.of("prog", "a", "b", "c")),
                Arguments.of(" a", List.of("", "a")),
                Arguments.of("\"C:\\Program Files\\p.exe\" x", List.of("C:\\Program Files\\p.exe", "x")),
                Arguments.of("C:\\dir\\\"odd x", List.of("C:\\dir\\\"odd", "x")),
                Arguments.of("p a;b $HOME \"q r\" %PATH% *", List.of("p", "a;b", "$HOME", "q r", "%PATH%", "*")),
                Arguments.of("p a\\\\b \"c\\\\\" d", List.of("p", "a\\\\b", "c\\", "d")),
                Arguments.of("p a\\\"b", List.of("p", "a\"b")),
                Arguments.of("p a\\\\\\\"b", List.of("p", "a\\\"b")),
                Arguments.of("p a\\\\\"b c\"", List.of("p", "a\\b c")),
                Arguments.of("p \"\" x", List.of("p", "", "x")),
                Arguments.of("p \"a\"\"b\"", List.of("p", "a\"b")),
                Arguments.of("p \"a\"\"\"b", List.of("p", "a\"b")),
                Arguments.of("p a\"b c\"d e", List.of("p", "ab cd", "e")),
                Arguments.of("p \"unterminated x", List.of("p", "unterminated x")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void split_followsCommandLineToArgvW(String commandLine, List<String> expected) {
        assertThat(WindowsCommandLine.split(commandLine)).isEqualTo(expected);
    }
}
