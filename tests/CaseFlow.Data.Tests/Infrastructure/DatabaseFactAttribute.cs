using Xunit.Abstractions;
using Xunit.Sdk;

namespace CaseFlow.Data.Tests.Infrastructure;

/// <summary>A fact that is reported as skipped, with the reason, when its class's database provider is not available here.</summary>
[XunitTestCaseDiscoverer("CaseFlow.Data.Tests.Infrastructure.DatabaseFactDiscoverer", "CaseFlow.Data.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>A theory that is reported as skipped, with the reason, when its class's database provider is not available here.</summary>
[XunitTestCaseDiscoverer("CaseFlow.Data.Tests.Infrastructure.DatabaseTheoryDiscoverer", "CaseFlow.Data.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

/// <summary>Discovers <see cref="DatabaseFactAttribute"/> tests as <see cref="DatabaseTestCase"/>s.</summary>
public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new DatabaseTestCase(
            DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>Discovers <see cref="DatabaseTheoryAttribute"/> tests: one skipped case when the provider is unavailable, the usual ones otherwise.</summary>
public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        if (TestDatabase.SkipReasonFor(testMethod.TestClass.Class.ToRuntimeType()) is null)
        {
            return base.Discover(discoveryOptions, testMethod, theoryAttribute);
        }

        return
        [
            new DatabaseTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod),
        ];
    }
}

/// <summary>A test case whose skip reason comes from its class's database fixture when that provider is not available.</summary>
public sealed class DatabaseTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public DatabaseTestCase()
    {
    }

    public DatabaseTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod,
        object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        TestDatabase.SkipReasonFor(TestMethod.TestClass.Class.ToRuntimeType()) ?? base.GetSkipReason(factAttribute);
}
