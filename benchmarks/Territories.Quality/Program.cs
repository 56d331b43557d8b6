using Territories.Quality;

return await QualityRunner.RunAsync(args, Console.Out, Console.Error);
