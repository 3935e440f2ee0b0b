namespace EdgePbx.Storage.Database;

/// <summary>One numbered schema step. Numbers are consecutive from 1 and never reused or edited once shipped.</summary>
public sealed record Migration(int Number, string Description, string Sql);
