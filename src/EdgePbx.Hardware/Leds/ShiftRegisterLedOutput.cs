using System.Device.Gpio;
using EdgePbx.Hardware.Settings;
using Iot.Device.Multiplexing;

namespace EdgePbx.Hardware.Leds;

/// <summary>
/// Line LEDs on a 74HC595 chain through the Iot.Device.Bindings ShiftRegister (GPIO bit-banged, no
/// SPI needed). The whole chain is shifted and latched at once, so LEDs never show half-shifted data.
/// </summary>
internal sealed class ShiftRegisterLedOutput : ILedOutput, IDisposable
{
    private readonly ShiftRegister _register;
    private readonly int _firstSlot;
    private readonly int _count;
    private readonly bool _activeLow;
    private readonly byte[] _bytes;
    private byte[]? _shown;

    public ShiftRegisterLedOutput(GpioController controller, ShiftRegisterSettings settings, int firstSlot, int count)
    {
        // shouldDispose false: the panel owns the controller and disposes it once.
        _register = new ShiftRegister(
            new ShiftRegisterPinMapping(settings.DataPin, settings.ClockPin, settings.LatchPin, settings.OutputEnablePin),
            settings.Chips * 8,
            controller,
            shouldDispose: false);
        _firstSlot = firstSlot;
        _count = count;
        _activeLow = settings.ActiveLow;
        _bytes = new byte[settings.Chips];
    }

    public void Show(ReadOnlySpan<bool> lit)
    {
        Array.Clear(_bytes);
        for (int line = 0; line < _count; line++)
        {
            if (lit[_firstSlot + line])
            {
                _bytes[line / 8] |= (byte)(1 << (line % 8));
            }
        }

        if (_activeLow)
        {
            for (int i = 0; i < _bytes.Length; i++)
            {
                _bytes[i] = (byte)~_bytes[i];
            }
        }

        if (_shown is not null && _bytes.AsSpan().SequenceEqual(_shown))
        {
            return;
        }

        // The first byte shifted travels to the far end of the chain, and ShiftByte sends the most
        // significant bit first, so the far chip goes first and Q7 of each chip carries bit 7.
        for (int chip = _bytes.Length - 1; chip >= 0; chip--)
        {
            _register.ShiftByte(_bytes[chip], latch: false);
        }

        _register.Latch();
        _shown = (byte[])_bytes.Clone();
    }

    public void Dispose() => _register.Dispose();
}
