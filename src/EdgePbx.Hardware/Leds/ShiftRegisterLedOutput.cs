using System.Device.Gpio;
using EdgePbx.Hardware.Gpio;
using EdgePbx.Hardware.Settings;

namespace EdgePbx.Hardware.Leds;

/// <summary>
/// Line LEDs on a 74HC595 chain, bit-banged over GpioController. Written here rather than with
/// Iot.Device.Multiplexing.ShiftRegister: a NativeAOT publish of the panel using that binding
/// reported trim warning IL2091 (System.Device.Gpio's libgpiod v2 UnmanagedArray, reachable from
/// the binding's own `new GpioController()` fallback), and the same publish without it is
/// warning-free; warnings are errors in the daemon's build. The whole chain is shifted and latched at once, so
/// LEDs never show half-shifted data, and /OE keeps the outputs off until the first latch so
/// power-up garbage in the registers never lights.
/// </summary>
internal sealed class ShiftRegisterLedOutput : ILedOutput
{
    private readonly GpioController _controller;
    private readonly ShiftRegisterSettings _pins;
    private readonly int _firstSlot;
    private readonly int _count;
    private readonly byte[] _bytes;
    private byte[]? _shown;

    /// <param name="opening">Set to the settings key of each pin before it is opened, so a busy pin can be named.</param>
    public ShiftRegisterLedOutput(GpioController controller, ShiftRegisterSettings pins, int firstSlot, int count, Action<string> opening)
    {
        _controller = controller;
        _pins = pins;
        _firstSlot = firstSlot;
        _count = count;
        _bytes = new byte[pins.Chips];
        Open(pins.DataPin, "panel.shiftRegister.dataPin", PinValue.Low, opening);
        Open(pins.ClockPin, "panel.shiftRegister.clockPin", PinValue.Low, opening);
        Open(pins.LatchPin, "panel.shiftRegister.latchPin", PinValue.Low, opening);
        if (pins.OutputEnablePin != 0)
        {
            Open(pins.OutputEnablePin, "panel.shiftRegister.outputEnablePin", PinValue.High, opening);
        }
    }

    public Exception? Show(ReadOnlySpan<bool> lit)
    {
        Array.Clear(_bytes);
        for (int line = 0; line < _count; line++)
        {
            if (lit[_firstSlot + line] != _pins.ActiveLow)
            {
                _bytes[line / 8] |= (byte)(1 << (line % 8));
            }
        }

        if (_pins.ActiveLow)
        {
            // Outputs past lineCount stay dark too.
            for (int unused = _count; unused < _bytes.Length * 8; unused++)
            {
                _bytes[unused / 8] |= (byte)(1 << (unused % 8));
            }
        }

        if (_shown is not null && _bytes.AsSpan().SequenceEqual(_shown))
        {
            return null;
        }

        try
        {
            Shift();
        }
        catch (Exception ex) when (GpioFailures.IsEnvironmental(ex))
        {
            // The chain's content is unknown now: shift it all again next time.
            _shown = null;
            return ex;
        }

        _shown = (byte[])_bytes.Clone();
        return null;
    }

    private void Shift()
    {
        // Each SRCLK rising edge moves every stage one on, so the first bit sent ends at the far
        // end: send the far chip first and each chip's QH (bit 7) first, and bit n lands on Qn.
        for (int chip = _bytes.Length - 1; chip >= 0; chip--)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                _controller.Write(_pins.DataPin, (_bytes[chip] & (1 << bit)) != 0 ? PinValue.High : PinValue.Low);
                _controller.Write(_pins.ClockPin, PinValue.High);
                _controller.Write(_pins.ClockPin, PinValue.Low);
            }
        }

        // RCLK rising edge copies the shift stages to the outputs in one step.
        _controller.Write(_pins.LatchPin, PinValue.High);
        _controller.Write(_pins.LatchPin, PinValue.Low);
        if (_shown is null && _pins.OutputEnablePin != 0)
        {
            _controller.Write(_pins.OutputEnablePin, PinValue.Low);
        }
    }

    private void Open(int pin, string key, PinValue initial, Action<string> opening)
    {
        opening($"{key} (GPIO {pin})");
        _controller.OpenPin(pin, PinMode.Output, initial);
    }
}
