namespace EdgePbx.Media.Tests;

/// <summary>Audio made by independent tools (sox, espeak-ng), converted to 8 kHz 16-bit mono samples.</summary>
internal static class ToolAudio
{
    public static short[] Sox(string synthArguments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgepbx-media-{Guid.NewGuid():N}.raw");
        try
        {
            ExternalTool.Run("sox", $"-n -r 8000 -b 16 -e signed -c 1 -t raw {path} {synthArguments}");
            return ExternalTool.ReadRaw16(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static short[] Speech(string voice, string text)
    {
        var wav = Path.Combine(Path.GetTempPath(), $"edgepbx-media-{Guid.NewGuid():N}.wav");
        var raw = Path.ChangeExtension(wav, ".raw");
        try
        {
            ExternalTool.Run("espeak-ng", $"-v {voice} -w {wav} \"{text}\"");
            ExternalTool.Run("sox", $"{wav} -r 8000 -b 16 -e signed -c 1 -t raw {raw}");
            return ExternalTool.ReadRaw16(raw);
        }
        finally
        {
            File.Delete(wav);
            File.Delete(raw);
        }
    }

    public const string English =
        "Thank you for calling. Please hold while we connect your call. For sales, press one. For support, press two. " +
        "Our office hours are nine to five, Monday through Friday. Seven, eight, nine, zero, star, pound. " +
        "She sells sea shells by the sea shore; the quick brown fox jumps over the lazy dog.";

    public const string Mandarin =
        "您好，欢迎致电。请稍候，我们正在为您转接。销售请按一，技术支持请按二。我们的工作时间是周一到周五，上午九点到下午五点。" +
        "零一二三四五六七八九。四百电话，谢谢您的耐心等待。";
}
