namespace EdgePbx.Switchboard.Hunting;

public enum HuntMemberState
{
    Waiting = 0,
    Ringing,
    Done,
}
