namespace EdgePbx.Cloud.Pull;

public enum PullResultKind
{
    /// <summary>The server answered 304 to our <c>If-None-Match</c>: nothing new.</summary>
    NotModified,

    /// <summary>An envelope came back and went through the apply pipeline; see the outcome.</summary>
    Received,

    /// <summary>No answer we could use (network, HTTP error, oversized body); the running plan is untouched.</summary>
    Failed,
}
