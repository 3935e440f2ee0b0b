namespace EdgePbx.Web.Prompts;

/// <summary>
/// Told after a prompt file was replaced from the page. The daemon registers one that makes the call engine
/// forget the audio it decoded from the old file, so the next caller hears the new one.
/// </summary>
public interface IPromptChangeListener
{
    void PromptChanged(string name);
}
