namespace CaseFlow.Domain.Grading;

/// <summary>What a grading rule says, in Chinese (zh-CN) and English.</summary>
public sealed record RuleSentence(string Zh, string En);
