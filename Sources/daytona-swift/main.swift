import DaytonaCLI

DaytonaCommand.main()
