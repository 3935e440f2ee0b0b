namespace EdgePbx.Daemon.Logging;

/// <summary>How each log line is laid out on standard output.</summary>
public enum LogFormat
{
    /// <summary>
    /// What the systemd console formatter writes, for the journal: <c>&lt;6&gt;Category[EventId] message</c>, one line per
    /// entry. The <c>&lt;N&gt;</c> prefix is the syslog priority journald strips and stores; newlines in the message and
    /// in the exception become spaces, because journald makes every line an entry of its own.
    /// </summary>
    Journal,

    /// <summary>
    /// What the simple console formatter writes (without colours), for a terminal or a test reading stdout:
    /// <c>info: Category[EventId]</c>, then the message and the exception indented by six spaces on the lines below.
    /// </summary>
    Simple,
}
