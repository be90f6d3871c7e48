namespace MfaGateway.Benchmarks;

internal static class RepositoryRoot
{
    public static string Find()
    {
        // BenchmarkDotNet runs a generated copy below the project's bin folder, still inside the repository.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MfaGateway.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No MfaGateway.sln above {AppContext.BaseDirectory}.");
    }
}
