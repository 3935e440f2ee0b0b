using System.Text;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Tests.TestSupport;

namespace EdgePbx.Cloud.Tests.Envelope;

public sealed class EnvelopeCodecTests
{
    [Fact]
    public void Signed_envelope_round_trips_header_and_exact_plan_bytes()
    {
        using var key = new TestKey();
        var plan = Encoding.UTF8.GetBytes("{ \"routes\" : [ ] ,\n\"note\":\"spaces and order kept\" }");
        var bytes = Plans.Signed(key, 7, PlanTarget.Group("shops"), plan);

        var decoded = EnvelopeCodec.Decode(bytes);

        Assert.Null(decoded.Error);
        var value = decoded.Value!;
        Assert.Equal(7, value.Header.Version);
        Assert.Equal(Plans.IssuedAt, value.Header.IssuedAt);
        Assert.Equal(PlanTarget.Group("shops"), value.Header.Target);
        Assert.Equal("cloud-1", value.Header.KeyId);
        Assert.Equal(plan, value.PlanJson.ToArray());
        Assert.Equal(64, value.Signature.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("{\"header\":")]
    public void Bytes_that_are_not_json_are_rejected_as_not_json(string text)
    {
        var decoded = EnvelopeCodec.Decode(Encoding.UTF8.GetBytes(text));

        Assert.Null(decoded.Value);
        Assert.Equal(RejectionCode.NotJson, decoded.Error!.Code);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{\"header\":\"e30=\",\"plan\":\"e30=\"}")]
    [InlineData("{\"header\":\"e30=\",\"plan\":\"e30=\",\"signature\":\"AA==\",\"extra\":1}")]
    [InlineData("{\"header\":\"!!\",\"plan\":\"e30=\",\"signature\":\"AA==\"}")]
    [InlineData("{\"header\":\"e30=\",\"plan\":\"e30=\",\"signature\":\"AA==\"}")]
    public void Json_that_is_not_an_envelope_is_rejected_as_malformed(string text)
    {
        var decoded = EnvelopeCodec.Decode(Encoding.UTF8.GetBytes(text));

        Assert.Null(decoded.Value);
        Assert.Equal(RejectionCode.MalformedEnvelope, decoded.Error!.Code);
    }

    [Theory]
    [InlineData("""{"format":"edgepbx.plan.v9","version":1,"issuedAt":"2026-11-25T06:00:00Z","target":{"kind":"device","id":"box-1"},"keyId":"k"}""", "format")]
    [InlineData("""{"format":"edgepbx.plan.v1","version":0,"issuedAt":"2026-11-25T06:00:00Z","target":{"kind":"device","id":"box-1"},"keyId":"k"}""", "version")]
    [InlineData("""{"format":"edgepbx.plan.v1","version":1,"issuedAt":"2026-11-25T06:00:00Z","target":{"kind":"planet","id":"box-1"},"keyId":"k"}""", "target")]
    [InlineData("""{"format":"edgepbx.plan.v1","version":1,"issuedAt":"2026-11-25T06:00:00Z","target":{"kind":"device","id":"box-1"},"keyId":""}""", "keyId")]
    [InlineData("""{"format":"edgepbx.plan.v1","version":1,"target":{"kind":"device","id":"box-1"},"keyId":"k"}""", "issuedAt")]
    public void Header_with_a_bad_field_is_rejected_naming_the_field(string headerJson, string field)
    {
        var envelope = new PlanEnvelope(
            Convert.ToBase64String(Encoding.UTF8.GetBytes(headerJson)),
            Convert.ToBase64String("{}"u8),
            Convert.ToBase64String(new byte[64]));

        var decoded = EnvelopeCodec.Decode(EnvelopeCodec.Encode(envelope));

        Assert.Equal(RejectionCode.MalformedEnvelope, decoded.Error!.Code);
        Assert.Contains(field, decoded.Error.Message);
    }

    [Fact]
    public void Envelope_over_the_size_limit_is_rejected_before_parsing()
    {
        var huge = new byte[EnvelopeCodec.MaxEnvelopeBytes + 1];

        var decoded = EnvelopeCodec.Decode(huge);

        Assert.Equal(RejectionCode.TooLarge, decoded.Error!.Code);
    }

    [Fact]
    public void Envelope_json_uses_the_documented_member_names()
    {
        using var key = new TestKey();
        var json = Encoding.UTF8.GetString(Plans.Signed(key, 1, PlanTarget.Device("box-1")));
        var header = Encoding.UTF8.GetString(EnvelopeCodec.EncodeHeader(
            new PlanHeader(PlanHeader.CurrentFormat, 1, Plans.IssuedAt, PlanTarget.Device("box-1"), "cloud-1")));

        Assert.StartsWith("{\"header\":\"", json);
        Assert.Contains("\"plan\":\"", json);
        Assert.Contains("\"signature\":\"", json);
        Assert.Equal(
            """{"format":"edgepbx.plan.v1","version":1,"issuedAt":"2026-11-25T06:00:00+00:00","target":{"kind":"device","id":"box-1"},"keyId":"cloud-1"}""",
            header);
    }
}
