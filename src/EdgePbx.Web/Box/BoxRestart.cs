namespace EdgePbx.Web.Box;

/// <summary>What the installer asks to restart: the EdgePbx service (seconds, calls dropped) or the whole box.</summary>
public enum BoxRestart
{
    Service,
    Machine,
}
