using System.Device.Gpio;
using EdgePbx.Hardware.Gpio;

namespace EdgePbx.Hardware.Tests.TestSupport;

/// <summary>
/// A behavioural model of chained 74HC595s listening to the simulated pins: SER is sampled on each
/// SRCLK rising edge into the shift stage, and RCLK's rising edge copies it to the outputs. Output
/// index = chip * 8 + Qn, chip 0 being the one wired to the SoC.
/// </summary>
internal sealed class Hc595Chain
{
    private readonly SimulatedGpioDriver _driver;
    private readonly int _data;
    private readonly int _clock;
    private readonly int _latch;
    private readonly bool[] _shift;
    private PinValue _clockLevel = PinValue.Low;
    private PinValue _latchLevel = PinValue.Low;

    public Hc595Chain(SimulatedGpioDriver driver, int data, int clock, int latch, int chips)
    {
        _driver = driver;
        _data = data;
        _clock = clock;
        _latch = latch;
        _shift = new bool[chips * 8];
        Outputs = new bool[chips * 8];
        driver.Written += OnWritten;
    }

    public bool[] Outputs { get; }

    public int Latches { get; private set; }

    private void OnWritten(int pin, PinValue value)
    {
        if (pin == _clock)
        {
            if (value == PinValue.High && _clockLevel == PinValue.Low)
            {
                // Q0 of chip 0 takes SER; every stage moves one further, chip k's Q7 feeding chip k+1's Q0.
                Array.Copy(_shift, 0, _shift, 1, _shift.Length - 1);
                _shift[0] = _driver.GetLevel(_data) == PinValue.High;
            }

            _clockLevel = value;
        }
        else if (pin == _latch)
        {
            if (value == PinValue.High && _latchLevel == PinValue.Low)
            {
                Array.Copy(_shift, Outputs, _shift.Length);
                Latches++;
            }

            _latchLevel = value;
        }
    }
}
