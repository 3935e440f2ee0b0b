namespace EdgePbx.Routing.Evaluation;

/// <summary>Billed seconds and fen: the total, the caller's local share and the enterprise's share.</summary>
public readonly record struct CallCharge(int BillableSeconds, long TotalFen, long CallerFen, long EnterpriseFen);
