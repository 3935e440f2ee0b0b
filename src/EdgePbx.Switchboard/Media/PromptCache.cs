using System.Collections.Concurrent;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Switchboard.Media;

/// <summary>
/// Plan audio decoded once per file and codec. A file that cannot be played is remembered as such for a
/// while so that every caller does not retry the disk; <see cref="Clear"/> forgets everything (new plan).
/// </summary>
public sealed class PromptCache(string directory)
{
    private readonly ConcurrentDictionary<(string Name, AudioCodec Codec), PromptLoadResult> _loaded = new();

    public PromptLoadResult Get(string name, AudioCodec codec)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _loaded.GetOrAdd((name, codec), static (key, dir) =>
        {
            var path = Path.IsPathRooted(key.Name) ? key.Name : Path.Combine(dir, key.Name);
            try
            {
                return WavPromptLoader.Load(path, key.Codec);
            }
            catch (IOException e)
            {
                return new PromptLoadResult(null, $"{path}: {e.Message}");
            }
            catch (UnauthorizedAccessException e)
            {
                return new PromptLoadResult(null, $"{path}: {e.Message}");
            }
        }, directory);
    }

    public void Clear() => _loaded.Clear();
}
