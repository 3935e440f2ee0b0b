using EdgePbx.Daemon.Memory;

namespace EdgePbx.Daemon.Tests.Memory;

public sealed class StartupPagesReleaseTests
{
    private const string Maps = """
        55d0c0000000-55d0c0400000 r--p 00000000 fe:00 331651                     /usr/bin/edgepbx
        55d0c0400000-55d0c0d00000 r-xp 00400000 fe:00 331651                     /usr/bin/edgepbx
        55d0c0d00000-55d0c1100000 r--p 00d00000 fe:00 331651                     /usr/bin/edgepbx
        55d0c1100000-55d0c1200000 rw-p 01100000 fe:00 331651                     /usr/bin/edgepbx
        55d0c1200000-55d0c1800000 rw-p 00000000 00:00 0
        7f5ea4d0e000-7f5ea4d34000 r-xp 00001000 fe:00 331652                     /usr/lib/x86_64-linux-gnu/libc.so.6
        7f5ea4d34000-7f5ea4d3e000 r-xp 00027000 fe:00 331653                     /usr/bin/edgepbx-old (deleted)
        7ffd1b2f0000-7ffd1b311000 rw-p 00000000 00:00 0                          [stack]
        """;

    [Fact]
    public void Only_the_read_only_and_executable_mappings_of_our_own_file_are_released()
    {
        var mappings = StartupPagesRelease.ReadOnlyMappingsOf(Maps, "/usr/bin/edgepbx");

        Assert.Equal(
            [(0x55d0c0000000UL, 0x55d0c0400000UL), (0x55d0c0400000UL, 0x55d0c0d00000UL), (0x55d0c0d00000UL, 0x55d0c1100000UL)],
            mappings);
    }

    [Fact]
    public void Another_file_or_a_garbled_line_gives_nothing()
    {
        Assert.Empty(StartupPagesRelease.ReadOnlyMappingsOf(Maps, "/usr/bin/other"));
        Assert.Empty(StartupPagesRelease.ReadOnlyMappingsOf("zz-yy r-xp 0 fe:00 1 /usr/bin/edgepbx\nnot a mapping", "/usr/bin/edgepbx"));
        Assert.Empty(StartupPagesRelease.ReadOnlyMappingsOf("2000-1000 r-xp 0 fe:00 1 /usr/bin/edgepbx", "/usr/bin/edgepbx"));
    }
}
