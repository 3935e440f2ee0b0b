using System.Security.Cryptography;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>A fresh P-256 key pair per test, with its PEM forms.</summary>
internal sealed class TestKey : IDisposable
{
    public TestKey(string keyId = "cloud-1", ECCurve? curve = null)
    {
        KeyId = keyId;
        Key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
    }

    public string KeyId { get; }

    public ECDsa Key { get; }

    public string PublicPem => Key.ExportSubjectPublicKeyInfoPem();

    public string PrivatePem => Key.ExportPkcs8PrivateKeyPem();

    public void Dispose() => Key.Dispose();
}
