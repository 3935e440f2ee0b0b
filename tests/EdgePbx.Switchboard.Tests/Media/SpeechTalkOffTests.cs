using System.Globalization;
using System.Text;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Fax;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Tests.Support;

namespace EdgePbx.Switchboard.Tests.Media;

/// <summary>
/// Talk-off: ten minutes of espeak-ng speech (English and Mandarin, loud) through the caller's detection
/// pipeline exactly as the media clock feeds it (G.711 packets into <see cref="CallerInput"/>), faster than
/// real time. Neither a fax tone nor a digit may come out.
/// </summary>
public sealed class SpeechTalkOffTests
{
    private static readonly string[] English =
    [
        "Thank you for calling the service hotline, please hold while we connect you to the next available agent.",
        "My order number is four five six seven eight nine, and I called yesterday about the delivery to Shanghai.",
        "Could you please tell me whether the invoice for November has been sent to our accounting department?",
        "The weather in Beijing was cold this morning, but the afternoon turned sunny and warm again.",
        "I would like to speak to someone in sales about the price of two hundred units for next quarter.",
        "Hello? Hello? Can you hear me? The line seems to be very quiet, I will try calling back later.",
        "Press one for sales, press two for support, or stay on the line and an operator will help you.",
        "We are open from nine in the morning until six in the evening, Monday through Friday, except holidays.",
    ];

    private static readonly string[] Mandarin =
    [
        "您好，欢迎致电客服热线，请稍候，我们正在为您转接下一位客服人员。",
        "我的订单号是四五六七八九，昨天我打电话问过发往上海的货物。",
        "请问十一月份的发票已经寄到我们的财务部门了吗？",
        "今天早上北京很冷，但是下午又变得阳光明媚，非常暖和。",
        "我想和销售部门的人谈一谈下个季度两百台设备的价格。",
        "喂？喂？您能听到我说话吗？线路好像很安静，我待会儿再打过来。",
    ];

    [Fact]
    public void Ten_minutes_of_speech_never_trigger_fax_or_a_digit()
    {
        if (ExternalTool.RequireOrSkip("espeak-ng", "espeak-ng") is not { } espeak || Sox.Find() is not { } sox)
        {
            return;
        }

        var dir = Directory.CreateTempSubdirectory("talkoff-").FullName;
        try
        {
            var english = Speak(espeak, sox, dir, "en", English, 300);
            var mandarin = Speak(espeak, sox, dir, "cmn", Mandarin, 300);
            Assert.True(english.Length + mandarin.Length >= 600 * 8000, $"only {(english.Length + mandarin.Length) / 8000} s of speech");

            var digits = new List<char>();
            var tones = new List<FaxTone>();
            foreach (var codec in new[] { AudioCodec.Pcmu, AudioCodec.Pcma })
            {
                var media = new NegotiatedMedia(0, "127.0.0.1", 4000, codec, codec == AudioCodec.Pcmu ? 0 : 8, 101, 20, MediaDirection.SendReceive);
                var input = new CallerInput(media, true, (d, _) => digits.Add(d), tones.Add);
                uint ts = 0;
                CallerInputTests.Stream(input, media, english, ref ts);
                CallerInputTests.Stream(input, media, mandarin, ref ts);
                Assert.True(input.InBandDetection);
            }

            Assert.Empty(tones);
            Assert.Empty(digits);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Speaks the sentences (with changing numbers) until at least <paramref name="seconds"/> of 8 kHz audio, normalised loud.</summary>
    private static short[] Speak(string espeak, string sox, string dir, string voice, string[] sentences, int seconds)
    {
        var text = new StringBuilder();
        var samples = new List<short>();
        for (var round = 0; samples.Count < seconds * 8000 && round < 20; round++)
        {
            text.Clear();
            for (var i = 0; i < 60; i++)
            {
                text.Append(sentences[(i + round) % sentences.Length]).Append(' ')
                    .Append(((round * 7919) + (i * 104729)).ToString(CultureInfo.InvariantCulture)).Append(". ");
            }

            var txt = Path.Combine(dir, $"{voice}-{round}.txt");
            var wav = Path.Combine(dir, $"{voice}-{round}.wav");
            var raw = Path.Combine(dir, $"{voice}-{round}.raw");
            File.WriteAllText(txt, text.ToString());
            Sox.Run(espeak, "-v", voice, "-s", "150", "-f", txt, "-w", wav);
            Sox.Run(sox, wav, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", raw, "gain", "-n", "-1");
            var bytes = File.ReadAllBytes(raw);
            for (var i = 0; i + 1 < bytes.Length; i += 2)
            {
                samples.Add((short)(bytes[i] | (bytes[i + 1] << 8)));
            }
        }

        return [.. samples];
    }
}
