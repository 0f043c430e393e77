package dev.bgcopy.cli.internal;

import java.util.UUID;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses a job id: a GUID in its usual 8-4-4-4-12 hex form, with or without braces. */
public final class JobIds implements CommandLine.ITypeConverter<UUID> {

    private static final Pattern GUID = Pattern.compile(
            "\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})}?");

    @Override
    public UUID convert(String value) {
        var m = GUID.matcher(value.strip());
        if (!m.matches() || (value.strip().startsWith("{") != value.strip().endsWith("}"))) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a job id: expected a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e");
        }
        return UUID.fromString(m.group(1));
    }
}
