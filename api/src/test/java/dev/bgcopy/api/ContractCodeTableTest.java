package dev.bgcopy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reads the HRESULT tables of docs/contract.md §7 and checks that every code there has a constant of the
 * same name and value: the catalogue and the Java constants cannot drift apart unnoticed.
 */
class ContractCodeTableTest {

    /** A table row: "| NAME [†] | 0xVALUE | ...". */
    private static final Pattern ROW = Pattern.compile("^\\| (\\w+)(?: †)? \\| (0x[0-9A-Fa-f]{8}) \\|");

    @Test
    void everyCodeInTheContractCatalogueIsAConstantWithTheSameValue() throws IOException {
        Path contract = Path.of("..", "docs", "contract.md");
        assertThat(contract).as("the contract, docs/contract.md at the repository root").isRegularFile();
        List<String> checked = new ArrayList<>();
        boolean inCatalogue = false;
        for (String line : Files.readAllLines(contract, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inCatalogue = line.startsWith("## 7.");
            }
            Matcher row = ROW.matcher(line);
            if (inCatalogue && row.find()) {
                String name = row.group(1);
                int value = Integer.parseUnsignedInt(row.group(2).substring(2), 16);
                assertThat(constantValue(name)).as(name).isEqualTo(value);
                checked.add(name);
            }
        }
        assertThat(checked).as("rows read from §7").hasSizeGreaterThan(70).contains("DO_E_INVALID_STATE", "BG_S_PARTIAL_COMPLETE", "E_NOT_SET");
    }

    private static int constantValue(String name) {
        try {
            return ((HResult) HResult.class.getField(name).get(null)).value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError("HResult has no constant " + name, e);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
