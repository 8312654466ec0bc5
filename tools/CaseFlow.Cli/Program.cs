Console.WriteLine("caseflow");
