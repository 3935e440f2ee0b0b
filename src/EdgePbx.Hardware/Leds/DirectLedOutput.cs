using System.Device.Gpio;
using EdgePbx.Hardware.Gpio;
using EdgePbx.Hardware.Settings;

namespace EdgePbx.Hardware.Leds;

/// <summary>LEDs each on their own GPIO pin; writes only the pins whose level changed.</summary>
internal sealed class DirectLedOutput : ILedOutput
{
    private readonly GpioController _controller;
    private readonly (int Slot, LedPinSettings Pin, string Key)[] _leds;
    private readonly bool?[] _shown;

    /// <summary>Opens every pin as an output and drives it dark, so boot never flashes stray LEDs.</summary>
    /// <param name="opening">Set to the settings key of each pin before it is opened, so a busy pin can be named.</param>
    public DirectLedOutput(GpioController controller, IReadOnlyList<(int Slot, LedPinSettings Pin, string Key)> leds, Action<string> opening)
    {
        _controller = controller;
        _leds = [.. leds];
        _shown = new bool?[_leds.Length];
        foreach (var (_, pin, key) in _leds)
        {
            opening($"{key} (GPIO {pin.Pin})");
            _controller.OpenPin(pin.Pin, PinMode.Output, Level(pin, lit: false));
        }
    }

    public Exception? Show(ReadOnlySpan<bool> lit)
    {
        Exception? failure = null;
        for (int i = 0; i < _leds.Length; i++)
        {
            var (slot, pin, _) = _leds[i];
            bool want = lit[slot];
            if (_shown[i] == want)
            {
                continue;
            }

            try
            {
                _controller.Write(pin.Pin, Level(pin, want));
                _shown[i] = want;
            }
            catch (Exception ex) when (GpioFailures.IsEnvironmental(ex))
            {
                failure ??= ex;
            }
        }

        return failure;
    }

    private static PinValue Level(LedPinSettings pin, bool lit) => lit != pin.ActiveLow ? PinValue.High : PinValue.Low;
}
