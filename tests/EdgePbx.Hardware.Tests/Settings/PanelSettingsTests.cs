using System.Text.Json;
using EdgePbx.Hardware.Settings;

namespace EdgePbx.Hardware.Tests.Settings;

public sealed class PanelSettingsTests
{
    private static string TestData(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    [Fact]
    public void Defaults_are_the_reference_board_and_validate()
    {
        var settings = new PanelSettings();

        Assert.Empty(PanelSettingsValidator.Validate(settings));
        Assert.Equal([12, 16, 20, 21], settings.LinePins.Select(p => p.Pin));
        Assert.Equal(24, settings.Buttons.Reset!.Pin);
    }

    [Fact]
    public void Shipped_four_line_pin_map_reads_as_the_defaults()
    {
        var result = PanelSettingsJson.Read(TestData("panel.reference-4-lines.json"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var expected = new PanelSettings();
        var read = result.Settings!;
        Assert.Equal(expected.LinePins, read.LinePins);
        Assert.Equal(expected.Status, read.Status);
        Assert.Equal(expected.Buttons, read.Buttons);
        Assert.Equal(PanelBackendKind.Auto, read.Backend);
        Assert.Equal(expected.FactoryResetConfirmMs, read.FactoryResetConfirmMs);
    }

    [Fact]
    public void Shipped_sixteen_line_pin_map_reads_as_the_reference_shift_register_board()
    {
        var result = PanelSettingsJson.Read(TestData("panel.reference-16-lines.json"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(ReferenceBoard.ForLines(16).ShiftRegister, result.Settings!.ShiftRegister);
        Assert.Equal(16, result.Settings.LineCount);
    }

    [Fact]
    public void Settings_written_and_read_back_are_equal_in_every_key()
    {
        var original = ReferenceBoard.ForLines(24) with { DebounceMs = 40, KeepCallRecordsOnFactoryReset = false };

        var back = PanelSettingsJson.Read(PanelSettingsJson.Write(original)).Settings!;

        Assert.Equal(PanelSettingsJson.Write(original), PanelSettingsJson.Write(back));
        Assert.Equal(original.ShiftRegister, back.ShiftRegister);
        Assert.False(back.KeepCallRecordsOnFactoryReset);
    }

    [Fact]
    public void Panel_section_is_read_from_a_parsed_settings_file()
    {
        using var doc = JsonDocument.Parse("""{ "sip": {}, "panel": { "lineCount": 2, "backend": "simulated" } }""");

        var result = PanelSettingsJson.Read(doc.RootElement.GetProperty("panel"));

        Assert.Equal(2, result.Settings!.LineCount);
        Assert.Equal(PanelBackendKind.Simulated, result.Settings.Backend);
    }

    [Fact]
    public void Misspelt_key_is_an_error_naming_it_not_a_silent_default()
    {
        var result = PanelSettingsJson.Read("""{ "lineCount": 4, "debounceMS": 50, "linePin": [] }""");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("linePin", StringComparison.Ordinal) || e.Contains("debounceMS", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_json_is_an_error_value_with_its_path()
    {
        var result = PanelSettingsJson.Read("""{ "status": { "power": { "pin": "five" } } }""");

        Assert.Null(result.Settings);
        Assert.StartsWith("panel.status.power.pin:", Assert.Single(result.Errors));
    }

    [Fact]
    public void Json_null_section_is_an_error_value()
    {
        var result = PanelSettingsJson.Read("null");

        Assert.Equal(["panel: the section is null"], result.Errors);
    }

    [Fact]
    public void Same_pin_twice_names_both_keys()
    {
        var settings = new PanelSettings { Buttons = new PanelButtonPins { Night = new() { Pin = 5 } } };

        Assert.Equal(["panel.buttons.night.pin: pin 5 is already used by panel.status.power.pin"], PanelSettingsValidator.Validate(settings));
    }

    [Fact]
    public void Too_few_register_chips_for_the_lines_is_reported()
    {
        var settings = ReferenceBoard.ForLines(16) with { LineCount = 17 };

        Assert.Contains(PanelSettingsValidator.Validate(settings), e => e.StartsWith("panel.shiftRegister.chips: 2 chips give 16 outputs", StringComparison.Ordinal));
    }

    [Fact]
    public void Register_wire_sharing_a_pin_with_a_status_led_is_reported()
    {
        var settings = ReferenceBoard.ForLines(16);
        settings = settings with { ShiftRegister = settings.ShiftRegister! with { LatchPin = 13 } };

        Assert.Equal(["panel.status.cloud.pin: pin 13 is already used by panel.shiftRegister.latchPin"], PanelSettingsValidator.Validate(settings));
    }

    [Fact]
    public void Long_press_not_longer_than_debounce_is_reported()
    {
        var errors = PanelSettingsValidator.Validate(new PanelSettings { DebounceMs = 50, LongPressMs = 50 });

        Assert.Equal(["panel.longPressMs: 50 must be longer than debounceMs 50"], errors);
    }

    [Fact]
    public void Missing_leds_and_buttons_are_allowed()
    {
        var settings = new PanelSettings { Status = new StatusLedPins(), Buttons = new PanelButtonPins(), LineCount = 0 };

        Assert.Empty(PanelSettingsValidator.Validate(settings));
    }

    [Theory]
    [InlineData(1, false, 1)]
    [InlineData(4, false, 4)]
    [InlineData(5, true, 5)]
    [InlineData(17, true, 17)]
    [InlineData(500, true, 128)]
    public void Reference_board_puts_more_than_four_lines_on_the_register(int lines, bool register, int expectedLines)
    {
        var settings = ReferenceBoard.ForLines(lines);

        Assert.Equal(register, settings.ShiftRegister is not null);
        Assert.Equal(expectedLines, settings.LineCount);
        Assert.Empty(PanelSettingsValidator.Validate(settings));
    }

    [Fact]
    public void Null_for_a_required_object_is_an_error_value_not_a_null_inside_the_settings()
    {
        var result = PanelSettingsJson.Read("""{ "status": null }""");

        Assert.Null(result.Settings);
        Assert.StartsWith("panel.status:", Assert.Single(result.Errors));
    }

    [Fact]
    public void Deep_copy_shares_no_mutable_object_with_the_original()
    {
        var original = ReferenceBoard.ForLines(16);

        var copy = original.DeepCopy();
        original.Status.Power!.Pin = 40;
        original.ShiftRegister!.Chips = 9;
        original.Buttons.Reset!.Pin = 41;

        Assert.Equal(5, copy.Status.Power!.Pin);
        Assert.Equal(2, copy.ShiftRegister!.Chips);
        Assert.Equal(24, copy.Buttons.Reset!.Pin);
    }
}
