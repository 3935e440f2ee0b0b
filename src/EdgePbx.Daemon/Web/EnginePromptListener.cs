using EdgePbx.Switchboard;
using EdgePbx.Web.Prompts;

namespace EdgePbx.Daemon.Web;

/// <summary>A prompt replaced on the page: the engine forgets the audio it decoded, so the next caller hears the new file.</summary>
public sealed class EnginePromptListener(CallEngine engine) : IPromptChangeListener
{
    public void PromptChanged(string name) => engine.Prompts.Clear();
}
